"""Runs the template's inline setup function (SiteSetupFunction) offline, against stand-ins for
boto3's Cognito client and Lambda's cfnresponse module, and prints what it called and answered.

Usage: python3 run_setup_function.py CODE_FILE PROPERTIES_JSON
"""
import contextlib
import json
import sys
import types

calls = []
responses = []


class Cognito:
    fail = False

    def update_user_pool_client(self, **kwargs):
        if Cognito.fail:
            raise RuntimeError("InvalidParameterException: callback URL not allowed")
        calls.append(kwargs)


boto3 = types.ModuleType("boto3")
boto3.client = lambda service: Cognito()
cfnresponse = types.ModuleType("cfnresponse")
cfnresponse.SUCCESS = "SUCCESS"
cfnresponse.FAILED = "FAILED"


# The signature of the module Lambda provides to inline (ZipFile) Python code.
def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    responses.append({"request": event["RequestType"], "status": responseStatus,
                      "physicalResourceId": physicalResourceId, "reason": reason})


cfnresponse.send = send
sys.modules["boto3"] = boto3
sys.modules["cfnresponse"] = cfnresponse

code = open(sys.argv[1]).read()
props = json.loads(open(sys.argv[2]).read())
module = types.ModuleType("index")
exec(compile(code, "index.py", "exec"), module.__dict__)

# The function's own log lines go to stderr: stdout carries only the result.
with contextlib.redirect_stdout(sys.stderr):
    module.handler({"RequestType": "Create", "ResourceProperties": props}, None)
    module.handler({"RequestType": "Update", "PhysicalResourceId": "old-client",
                    "ResourceProperties": props}, None)
    module.handler({"RequestType": "Delete", "PhysicalResourceId": props["ClientId"],
                    "ResourceProperties": props}, None)
    Cognito.fail = True
    module.handler({"RequestType": "Create", "ResourceProperties": props}, None)
print(json.dumps({"calls": calls, "responses": responses}))
