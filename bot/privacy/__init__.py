"""Personal data: recognising and masking it before anything is stored or reported."""
