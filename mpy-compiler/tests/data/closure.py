def f():
    v = 1
    def g():
        return v
    return g
