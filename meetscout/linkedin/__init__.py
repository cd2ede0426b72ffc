"""What a careful LinkedIn crawl needs besides parsers (those are in `sources/linkedin/`): the
person's own saved session and the daily page budget."""
