"""Prints the CloudFormation JSON that the AWS::Serverless transform makes of a SAM template.

Offline: it uses aws-sam-translator (installed with cfn-lint) and the managed-policy list cfn-lint
ships, so no AWS call is made. Local CodeUri paths become a fixed S3 location (as `sam deploy`
would upload them), so the output depends on the template only.

Usage: python3 transform_template.py TEMPLATE [Name=Value ...]   (parameter values; defaults otherwise)
"""
import copy
import json
import logging
import os
import sys

from cfnlint.data import Serverless
from cfnlint.decode import cfn_yaml
from cfnlint.decode.utils import convert_dict
from cfnlint.helpers import load_resource
from samtranslator.parser import parser
from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.translator import Translator

logging.getLogger("samtranslator").setLevel(logging.CRITICAL)


def main(argv):
    # The translator asks boto for the region; an offline run has none configured.
    os.environ["AWS_DEFAULT_REGION"] = "eu-west-1"
    template = convert_dict(cfn_yaml.load(argv[1]))
    parameters = dict(arg.split("=", 1) for arg in argv[2:])
    for resource in template.get("Resources", {}).values():
        props = resource.get("Properties")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props, dict):
            if isinstance(props.get("CodeUri"), str):
                props["CodeUri"] = {"Bucket": "artifacts", "Key": props["CodeUri"]}
    values = {"AWS::Region": "eu-west-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
              "AWS::StackName": "bloghome", "AWS::URLSuffix": "amazonaws.com"}
    for name, definition in template.get("Parameters", {}).items():
        if name in parameters:
            values[name] = parameters[name]
        elif "Default" in definition:
            values[name] = definition["Default"]
    translator = Translator(load_resource(Serverless, "ManagedPolicies.json"), parser.Parser())
    try:
        out = translator.translate(sam_template=copy.deepcopy(template), parameter_values=values)
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(cause.message, file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, indent=1, sort_keys=True, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
