"""Checks: what a build verifies beyond validation, once the whole site is known."""
