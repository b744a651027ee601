"""Built-in profiles (TOML): every number and every [reading] of the spec lives here."""
