"""Commands: what each CLI command does, callable without click."""
