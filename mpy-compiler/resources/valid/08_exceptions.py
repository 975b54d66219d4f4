try:
    x = 1
except:
    pass

try:
    x = 1 / 0
except ZeroDivisionError:
    x = 0
except (ValueError, TypeError) as e:
    print(e)
else:
    x = 2
finally:
    x = 3

try:
    pass
finally:
    print("f")


def f():
    try:
        return 1
    finally:
        print("x")


def g():
    for i in range(3):
        try:
            if i == 1:
                break
            continue
        finally:
            pass


def h():
    try:
        raise ValueError("x")
    except ValueError as e:
        raise RuntimeError("y") from e


def k():
    try:
        raise
    except Exception:
        pass


assert x == 3
assert x, "message"
with open("f") as fh:
    pass
with open("a") as a, open("b") as b:
    pass
with open("c"):
    pass
