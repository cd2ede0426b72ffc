# pyproject.toml holds everything; this shim stops `scrapyd-deploy` writing a setup.py of its own
# (which would name the egg "project" and lose the Scrapy settings entry point).
from setuptools import setup

setup()
