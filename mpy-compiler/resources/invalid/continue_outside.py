def f():
    pass
continue
