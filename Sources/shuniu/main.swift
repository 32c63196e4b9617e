print("shuniu")
