"""deploy/ cannot be run here (no Docker engine, no cluster), so it is checked for what
can drift: every file parses, the compose file and the Kubernetes Deployment start the
same replicas with the flags the replica test uses, nginx names every compose replica,
and the Kubernetes objects refer to each other by the right names."""
import re
import subprocess

import yaml

from conftest import ROOT

DEPLOY = ROOT / "deploy"


def load_all(path):
    return [document for document in yaml.safe_load_all(path.read_text()) if document is not None]


def kubernetes():
    objects = {}
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        for document in load_all(path):
            assert {"apiVersion", "kind", "metadata"} <= document.keys(), path
            objects[(document["kind"], document["metadata"]["name"])] = document
    return objects


def test_compose_runs_postgres_three_replicas_and_nginx():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    replicas = [name for name in services if name.startswith("replica-")]
    assert len(replicas) == 3
    for name in replicas:
        command = services[name]["command"]
        assert command[0] == "serve"
        assert any(flag.startswith("--db=postgres://") for flag in command)
        assert "--model-dir=/var/lib/movierec/models" in command
        assert any(volume.startswith("models:") for volume in services[name]["volumes"])
    assert services["postgres"]["image"].startswith("postgres:")
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert sorted(re.findall(r"server (replica-\d):8080", nginx)) == sorted(replicas)
    assert "proxy_next_upstream error timeout http_502 http_503" in nginx


def test_kubernetes_deployment_service_secret_and_shared_models():
    objects = kubernetes()
    deployment = objects[("Deployment", "movierec")]
    assert deployment["spec"]["replicas"] >= 2
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["args"][0] == "serve"
    assert "--db=$(MOVIEREC_DB)" in container["args"]
    secret_refs = {env["valueFrom"]["secretKeyRef"]["name"] for env in container["env"]}
    assert secret_refs == {"movierec-postgres"}
    secret = objects[("Secret", "movierec-postgres")]
    assert secret["stringData"]["url"].startswith("postgres://")
    claim = pod["volumes"][0]["persistentVolumeClaim"]["claimName"]
    pvc = objects[("PersistentVolumeClaim", claim)]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    service = objects[("Service", "movierec")]
    assert service["spec"]["selector"] == deployment["spec"]["template"]["metadata"]["labels"]
    assert ("Job", "movierec-import") in objects


def test_the_replica_flags_exist_in_serve_help(movierec_bin):
    help_text = subprocess.run([movierec_bin, "serve", "--help"], check=True, capture_output=True, text=True).stdout
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    flags = {flag.split("=")[0] for flag in compose["services"]["replica-1"]["command"][1:]}
    flags |= {arg.split("=")[0] for arg in kubernetes()[("Deployment", "movierec")]["spec"]["template"]["spec"]["containers"][0]["args"][1:]}
    for flag in flags:
        assert flag in help_text, f"serve has no {flag}"
