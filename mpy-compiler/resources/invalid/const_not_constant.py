X = const(x)
