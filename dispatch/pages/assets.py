"""The map page's front-end libraries, served by the service itself instead of public CDNs.

`make assets` installs them from the npm registry (package.json / package-lock.json at the repo
root) into node_modules/; `/vendor/<package>/<file>` serves a fixed set of their folders. folium's
own asset lists point at CDNs; `FOLIUM_JS` and `FOLIUM_CSS` replace them with these URLs.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from dispatch.errors import NotFoundError
from dispatch.settings import PROJECT_ROOT

router = APIRouter(tags=["pages"], include_in_schema=False)

NODE_MODULES = PROJECT_ROOT / "node_modules"

# URL name -> folder inside node_modules; nothing outside these folders is served.
VENDOR_DIRS: dict[str, str] = {
    "leaflet": "leaflet/dist",
    "jquery": "jquery/dist",
    "bootstrap": "bootstrap/dist",
    "awesome-markers": "leaflet.awesome-markers/dist",
    "fontawesome": "@fortawesome/fontawesome-free",
}

FOLIUM_JS: list[tuple[str, str]] = [
    ("leaflet", "/vendor/leaflet/leaflet.js"),
    ("jquery", "/vendor/jquery/jquery.min.js"),
    ("bootstrap", "/vendor/bootstrap/js/bootstrap.bundle.min.js"),
    ("awesome_markers", "/vendor/awesome-markers/leaflet.awesome-markers.min.js"),
]
FOLIUM_CSS: list[tuple[str, str]] = [
    ("leaflet_css", "/vendor/leaflet/leaflet.css"),
    ("bootstrap_css", "/vendor/bootstrap/css/bootstrap.min.css"),
    ("awesome_markers_font_css", "/vendor/fontawesome/css/all.min.css"),
    ("awesome_markers_css", "/vendor/awesome-markers/leaflet.awesome-markers.css"),
]


def vendor_root(request: Request) -> Path:
    """node_modules of the checkout; tests and deployments may point elsewhere via app.state."""
    root: Path = getattr(request.app.state, "vendor_dir", None) or NODE_MODULES
    return root


@router.get("/vendor/{package}/{path:path}")
def vendor_file(package: str, path: str, request: Request) -> FileResponse:
    """One file of an installed front-end package (versions fixed by package-lock.json)."""
    folder = VENDOR_DIRS.get(package)
    if folder is None:
        raise NotFoundError(f"No front-end package {package!r} is served.")
    root = (vendor_root(request) / folder).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise NotFoundError(f"{package}/{path} is not installed; run `make assets` (npm ci) first.")
    return FileResponse(target, headers={"Cache-Control": "public, max-age=86400"})
