metadata(
    version="0.2.4",
    description="A long string literal on its own line, stored as an object",
)
values = [
    1.5,
    123456789012345678901234567890,
    b"bytes on a later line",
]
