"""Outputs: every file the site is made of besides its HTML pages."""
