"""Actions (the message -> action -> result loop) and operations that group them."""
