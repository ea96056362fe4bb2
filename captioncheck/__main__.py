from captioncheck.cli import run

run()
