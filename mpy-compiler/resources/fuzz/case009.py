ff(x=4(x=4,d*b),d*b)
