"""Fetch a package from the npm registry once, at set-up time, hash-checked; no npm needed.

    python scripts/fetch_npm.py reveal.js DEST   # the seminar slides
    python scripts/fetch_npm.py axe-core DEST    # the browser tests' accessibility check

Each package is pinned here to one version and the sha512 the registry publishes for
it; the archive is checked against that hash before anything is unpacked, and only the
files that are used are unpacked into DEST. After that, building and opening the slides
and running the tests need no network.
"""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import NamedTuple


class Package(NamedTuple):
    version: str
    sha512: str  # the registry's "integrity" for that version, without its "sha512-" prefix
    wanted: tuple[str, ...]  # what to unpack: paths in the archive, or folders ending in "/"
    unwanted: tuple[str, ...] = ()  # file endings to leave out of those folders


PACKAGES = {
    # The layout nbconvert's reveal template expects: dist/reveal.js, plugin/notes/notes.js;
    # no source maps or ES modules.
    "reveal.js": Package(
        "4.6.0",
        "QC80rYsZldAe95bW9VImucIPTjfsKhI0jRQrIOXU4P92ZyXb/dfw9L3EE96bN6i7UmeUl1qBieH4UNTr25erYw==",
        ("dist/", "plugin/notes/"),
        (".map", ".esm.js"),
    ),
    # One file the tests inject into each page (MPL-2.0, its licence beside it).
    "axe-core": Package(
        "4.14.1",
        "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        ("axe.min.js", "LICENSE"),
    ),
}


def main(name: str, dest: str) -> None:
    if name not in PACKAGES:
        sys.exit(f"{name!r} is not one of the packages this script fetches: {', '.join(PACKAGES)}")
    package = PACKAGES[name]
    url = f"https://registry.npmjs.org/{name}/-/{name}-{package.version}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
    except OSError as err:
        sys.exit(
            f"could not download {name} {package.version} from {url} ({err}); it is needed once, "
            "at set-up, so that nothing downloads later: connect to the npm registry and run this again"
        )
    if base64.b64encode(hashlib.sha512(data).digest()).decode() != package.sha512:
        sys.exit(f"{url} does not match the sha512 published for {name} {package.version}; not using it")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        members = []
        for member in tar.getmembers():
            path = member.name.removeprefix("package/")
            used = any(path == w or (w.endswith("/") and path.startswith(w)) for w in package.wanted)
            if used and member.isfile() and not path.endswith(package.unwanted):
                member.name = path
                members.append(member)
        tar.extractall(Path(dest), members=members, filter="data")
    print(f"{name} {package.version} in {dest}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
