ropython#foo
def f():
    pasf(**a, mid*b)
