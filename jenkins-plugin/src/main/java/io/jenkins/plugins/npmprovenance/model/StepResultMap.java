package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.Summary;
import java.util.LinkedHashMap;
import java.util.Map;

/** The step's return value: counts a Pipeline can branch on ({@code r.invalid}, {@code r.total}, …). */
public final class StepResultMap {
    private StepResultMap() {
    }

    public static Map<String, Object> of(Report report, BuildVerdict verdict) {
        Summary s = report.summary();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("total", s.total());
        map.put("verified", s.verified());
        map.put("signed", s.signed());
        map.put("unsigned", s.unsigned());
        map.put("invalid", s.invalid());
        map.put("errors", s.error());
        map.put("skipped", s.skipped());
        map.put("passed", s.passed());
        map.put("failed", s.failed());
        map.put("result", verdict.result());
        return map;
    }
}
