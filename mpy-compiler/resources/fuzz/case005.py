x = 10
y = x * 3 + 2
foprint("basics", x, y, y // 4, y % 7, -y, 2 **ed(d.keys(), key=str), d["new"], {i % 3 for i in range(10)}, {k: v for k, v in [(1, 2)]})
print(1.5, 2.25 * 2, 1e10, 3j, 1 / 4, 7.s7//(2)
i = 0
while True:
    i += 1
    if i > 5:
        break
    if i is None, x is not None, 3 in [1, 3])
