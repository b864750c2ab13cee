"""One module per rule. The id → rule table is cgolint.registry."""
