"""Fetch reveal.js, which the seminar slides need, once, at set-up time.

    python scripts/fetch_reveal.py DEST

Downloads reveal.js from the npm registry (no npm needed), checks it against the
sha512 the registry publishes for that version, and unpacks what the slides load
(dist/ without source maps or ES modules, and the speaker-notes plugin) into DEST.
After that, building and opening the slides needs no network.
"""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.6.0"  # the layout nbconvert's reveal template expects: dist/reveal.js, plugin/notes/notes.js
URL = f"https://registry.npmjs.org/reveal.js/-/reveal.js-{VERSION}.tgz"
SHA512 = "QC80rYsZldAe95bW9VImucIPTjfsKhI0jRQrIOXU4P92ZyXb/dfw9L3EE96bN6i7UmeUl1qBieH4UNTr25erYw=="


def main(dest: str) -> None:
    try:
        with urllib.request.urlopen(URL, timeout=120) as response:
            data = response.read()
    except OSError as err:
        sys.exit(
            f"could not download reveal.js {VERSION} from {URL} ({err}); it is needed once, "
            "at set-up, to build the slides offline: connect to the npm registry and run this again"
        )
    if base64.b64encode(hashlib.sha512(data).digest()).decode() != SHA512:
        sys.exit(f"{URL} does not match the sha512 published for reveal.js {VERSION}; not using it")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        wanted = []
        for member in tar.getmembers():
            used = member.name.startswith(("package/dist/", "package/plugin/notes/")) and not member.name.endswith(
                (".map", ".esm.js")
            )
            if used and member.isfile():
                member.name = member.name.removeprefix("package/")
                wanted.append(member)
        tar.extractall(Path(dest), members=wanted, filter="data")
    print(f"reveal.js {VERSION} in {dest}")


if __name__ == "__main__":
    main(sys.argv[1])
