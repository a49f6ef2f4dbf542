def hello() -> str:
    return "Hello from crs!"
