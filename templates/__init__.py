"""The Jinja templates and the Word template of the notices, installed as asrv.templates."""
