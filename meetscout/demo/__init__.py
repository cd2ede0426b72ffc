"""The bundled demo: a sample of one region's groups, rendered as Meetup and LinkedIn pages."""
