"""CSV, JSON, STIX 2.1 and PDF exports, filtered by marking, redacted for the recipient, audited."""
