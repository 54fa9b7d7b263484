"""Vigil: counter-terrorism and protective-security policing platform."""
