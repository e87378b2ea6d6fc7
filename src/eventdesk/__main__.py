from eventdesk.cli.main import run

run()
