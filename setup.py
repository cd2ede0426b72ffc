"""Which folders the package holds, under which names (pyproject.toml has everything else).

The Scrapy project (`spiders/`) and the API (`extension_api/`) keep their folders at the top of
the repository, where the design card puts them, but install as `meetscout.spiders` and
`meetscout.api`: nothing named `spiders` or `extension_api` lands in site-packages. The browser
extension ships as data in `meetscout/browser_extension/`, for `meetscout extension` and the demo.

This file also stops `scrapyd-deploy` writing a setup.py of its own (which would name the egg
"project" and lose the Scrapy settings entry point).
"""

from setuptools import find_packages, setup

FOLDERS = {
    "meetscout.spiders": "spiders",
    "meetscout.api": "extension_api",
    "meetscout.browser_extension": "browser_extension",
}

packages = find_packages(include=["meetscout", "meetscout.*"])
for name, folder in FOLDERS.items():
    packages += [name, *(f"{name}.{sub}" for sub in find_packages(folder))]
packages.append("meetscout.browser_extension.shared")  # data only, like its parent

setup(packages=packages, package_dir=FOLDERS)
