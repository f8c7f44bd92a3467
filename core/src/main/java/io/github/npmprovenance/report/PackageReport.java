package io.github.npmprovenance.report;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.policy.PolicyDecision;
import io.github.npmprovenance.policy.PolicyRule;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Optional;

/**
 * One package in the report.
 *
 * @param reason one line: the deciding check's message
 * @param code the deciding check's code; empty when it passed
 * @param policy whether the package passes the project's policy, and which rule decided
 * @param provenance what verified provenance proves; absent unless provenance verified
 */
public record PackageReport(String name, String version, List<Location> locations, Status status, boolean passed,
        String reason, String code, PolicyDecision policy, List<CheckResult> checks, Optional<ProvenanceFacts> provenance, boolean dev,
        boolean optional) {
    public PackageReport {
        locations = List.copyOf(locations);
        checks = List.copyOf(checks);
    }

    public String id() {
        return name + "@" + version;
    }

    /**
     * One line for people: the policy's words when a policy rule (not the status) decided, else the reason, and
     * then an exception that no longer applies: whoever wrote it must see why it did not pass the package.
     */
    public String explanation() {
        if (policyRuleDecided()) {
            return policy.message();
        }
        String expired = policy.expiredException() == null ? "" : policy.expiredException();
        return expired.isEmpty() ? reason : reason + " (" + expired + ")";
    }

    /** A stable code for what made the package fail: the policy rule, or the deciding check's code. */
    public String failureCode() {
        if (policyRuleDecided()) {
            return "POLICY_" + policy.rule().name();
        }
        return code.isEmpty() ? status.name() : code;
    }

    private boolean policyRuleDecided() {
        return policy.rule() != PolicyRule.FAIL_ON && (!passed || policy.rule() == PolicyRule.ALLOW);
    }
}
