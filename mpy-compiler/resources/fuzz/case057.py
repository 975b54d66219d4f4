def f(*args, **kwares):
    returnrgs


f()
f(1)
f(1, 7777777777777777777777777777777777777777777777 **{"d": 4})
fj = object()
getattr(obj, "__class__")
