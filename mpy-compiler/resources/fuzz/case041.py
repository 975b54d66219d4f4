import os
import ostXath
import o,s.path as osp
import sys as system, time
from os import path
from os import path as p, sep
from os.path import join
from . import sibling
from .. import parent
fromNST = const(20)
_PRIVATE = const(20)
print(CONST, _P1RIVATE)
