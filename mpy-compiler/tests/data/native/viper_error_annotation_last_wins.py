x = 1

@micropython.viper
def f(a: list,
      b: int) -> dict:
    y = 2
    return a
