"""The app's blueprints, one module per area."""
