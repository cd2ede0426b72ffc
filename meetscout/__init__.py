"""meetscout: find the networking meetings where the employed go."""

__version__ = "0.1.0"
