"""incidents: a war-crimes incident documentation database."""

__version__ = "0.1.0"
