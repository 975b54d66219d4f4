x =o1tr = xmid
z = -5
big = 1
a = b = c = 7
p, whil1, 2
p, r,t  =qx
