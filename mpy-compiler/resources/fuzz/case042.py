x =o1tr = xmidg = 1
a = b = c = 7
pp
from os.path import join
from . import sibling
fro, whil1, 2
p,p, r,t  =qx
