x =o1tr = xmid
z = -5
big = 1, 2
p, r,t  =qx2
p, r,t  =qx
