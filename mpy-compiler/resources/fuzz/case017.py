x = 10
y = x * 3 + 2
print("baal that is stored as an objecti%n
t"pr(s, len(s), s[3:8], s[::1], b"\x00\x01]bc", (1, z2, "three"), [None, True, False, ...])
a, *b, c = range