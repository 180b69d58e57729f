; Inno Setup 6 recipe: a per-user installer for the one-folder build in dist\ldn-desk.
; Build the folder first (py dev.py package), then, from the repository root:
;     iscc /DAppVersion=0.1.0 packaging\windows\ldn-desk.iss
; The installer is written to dist\LDN-Desk-<version>-windows-setup.exe.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 packaging\windows\ldn-desk.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\ldn-desk"
#endif

[Setup]
; The AppId never changes: it is how a new version finds and replaces the old one.
AppId={{6C1E4F2A-6F0B-4C57-9B57-2D0F5E3A1D42}
AppName=LDN Desk
AppVersion={#AppVersion}
AppPublisher=LDN Desk
AppComments=Low-dose naltrexone recipes, titration plans, labels and handouts, offline
; Per user, no administrator rights: the program goes to %LOCALAPPDATA%\Programs\LDN Desk.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\LDN Desk
DefaultGroupName=LDN Desk
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\ldn-desk.exe
OutputDir=..\..\dist
OutputBaseFilename=LDN-Desk-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Signing (see packaging/README.md): define a sign tool named "ldnsign" in the Inno Setup IDE or
; pass /Sldnsign=... to iscc, then uncomment:
;SignTool=ldnsign
;SignedUninstaller=yes

[InstallDelete]
; An upgrade replaces the program's folder whole, so no file of the old version is left to load.
; The data folder (%LOCALAPPDATA%\ldn-desk: the compounding log, saved plans) is elsewhere and kept.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\LDN Desk"; Filename: "{app}\ldn-desk.exe"; Comment: "Low-dose naltrexone recipes and titration plans"
Name: "{autoprograms}\LDN Desk third-party licences"; Filename: "{app}\THIRD-PARTY-NOTICES.txt"

[Run]
Filename: "{app}\ldn-desk.exe"; Description: "Start LDN Desk"; Flags: nowait postinstall skipifsilent
