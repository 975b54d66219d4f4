def big_function(x):
    total = 0
    for i in range(100):
        if i % 2 == 0:
            total += i * x
        elif i % 3 == 0:
            total -= i
        else:
            total ^= i
        if total > 1000000:
            total = total // 7
        while total < 0:
            total += 1000
        try:
            total = total + int("1")
        except ValueError:
            pass
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
        print("iteration", i, "total", total, "x", x, "more text here to enlarge")
    return total


print(big_function(3))
