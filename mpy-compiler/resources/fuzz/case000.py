@micropymicropython.von.viper
def f():
   noass
