#!/usr/bin/env bash
# Refreshes the trust material embedded in the core jar from the seeds of the npm package @sigstore/tuf,
# which is what npm itself trusts (https://github.com/sigstore/sigstore-js, packages/tuf/seeds.json):
#   - the Sigstore public-good trusted_root.json  -> src/main/resources/io/github/npmprovenance/attestation/
#   - the npm registry's keys.json TUF target      -> src/main/resources/io/github/npmprovenance/registry/npm-registry-keys.json
# and records the version used in trust-material.properties. Usage: core/refresh-trust-material.sh [VERSION]
# (default: the latest published version). Review the diff before committing: new keys are new trust.
set -euo pipefail
cd "$(dirname "$0")"
version=${1:-$(npm view @sigstore/tuf version)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@sigstore/tuf@$version" >/dev/null && tar xzf ./*.tgz)
integrity=$(npm view "@sigstore/tuf@$version" dist.integrity)
resources=src/main/resources/io/github/npmprovenance
python3 - "$work/package/seeds.json" "$resources" <<'PY'
import base64, json, sys
seeds = json.load(open(sys.argv[1]))["https://tuf-repo-cdn.sigstore.dev"]["targets"]
out = sys.argv[2]
open(out + "/attestation/trusted_root.json", "wb").write(base64.b64decode(seeds["trusted_root.json"]))
open(out + "/registry/npm-registry-keys.json", "wb").write(base64.b64decode(seeds["registry.npmjs.org%2Fkeys.json"]))
PY
cat > "$resources/attestation/trust-material.properties" <<PROPS
# written by core/refresh-trust-material.sh
sigstore-tuf.version=$version
sigstore-tuf.integrity=$integrity
PROPS
echo "trust material refreshed from @sigstore/tuf@$version ($integrity)"
