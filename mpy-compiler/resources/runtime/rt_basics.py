x = 10
y = x * 3 + 2
print("basics", x, y, y // 4, y % 7, -y, 2 ** 40, 1 << 70, 0x7fffffff + 1)
s = "a longer string literal that is stored as an object"
print(s, len(s), s[2:8], s[::1], b"\x00\x01abc", (1, 2, "three"), [None, True, False, ...])
a, *b, c = range(6)
print(a, b, c)
d = {"k": 1, 2: "two"}
d["new"] = [i * i for i in range(5)]
print(sorted(d.keys(), key=str), d["new"], {i % 3 for i in range(10)}, {k: v for k, v in [(1, 2)]})
print(1.5, 2.25 * 2, 1e10, 3j, 1 / 4, 7.0 // 2)
i = 0
while True:
    i += 1
    if i > 5:
        break
    if i % 2:
        continue
    print("even", i)
else:
    print("never")
for n in range(3, 0, -1):
    print("count", n)
else:
    print("liftoff")
print(f"{x} and {y!r} {s[:5]:>8} {x=}")
print(x if y > 5 else -1, not x, x and y, 0 or "or", x < y < 100, x is None, x is not None, 3 in [1, 3])
