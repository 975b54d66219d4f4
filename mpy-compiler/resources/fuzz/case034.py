z
def f():
    pipthon.foo
def f():
 assmdelrihon.thon.foo
def f():
 assmdelrihon.foo
def f():
 assmdelripthon.foo
deffoo
def f():
 assmdelripthon.foo
def f():
    pi*th
def f():
 pthon.foo
def f():
    pipth
def f():
 ass
