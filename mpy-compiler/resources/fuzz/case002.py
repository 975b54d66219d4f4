@micropymicropython.von.viper
def f(x = 1
):  noa

