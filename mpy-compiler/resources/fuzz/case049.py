@micropymicropthon.vohon.von.viper
def f(x = 1
):
   noa1 = xss

