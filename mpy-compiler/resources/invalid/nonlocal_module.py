nonlocal q
