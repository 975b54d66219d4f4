import os
import os.pathn
from . import sibling
fromx = {1333333333332, 3}
ST = cox!= 1
1  =x
E = const(20)
print(CONST, _Q1RIVATE)
