<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="cs">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Dotační oblasti - Dotační portál Jihomoravského kraje</title>
<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" /></head>
<body>
<form name="aspnetForm" method="post" action="./Oblasti.aspx" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE"
  value="/wEPDwUKMTY1NDU2MTA1MmRkZr3Xa9yA1lq2pC4I0y0w4N0Bv5o=" /></div>
<div id="header"><a href="/Oblasti.aspx"><img src="/Images/logo_jmk.png" alt="Jihomoravský kraj" /></a>
<ul id="menu"><li><a href="/Oblasti.aspx">Dotační oblasti</a></li><li><a href="/Aktuality.aspx">Aktuality</a></li>
<li><a href="/Kontakty.aspx">Kontakty</a></li></ul></div>
<div id="content">
<h1>Dotační oblasti</h1>
<table id="ctl00_ContentPlaceHolder1_gvOblasti" class="grid">
<tr><th scope="col">Oblast</th><th scope="col">Počet programů</th></tr>
<tr><td><a href="/Folders/757-1-Regionalni%2Brozvoj.aspx">Regionální rozvoj</a></td><td>2</td></tr>
<tr><td><a href="/Folders/761-1-Vzdelavani%2Bsport%2Ba%2Bvolny%2Bcas.aspx">Vzdělávání, sport a volný čas</a></td><td>1</td></tr>
<tr><td><a href="/Folders/770-1-Veda%2Bvyzkum%2Ba%2Binovace.aspx">Věda, výzkum a inovace</a></td><td>2</td></tr>
<tr><td><a href="/Folders/764-1-Socialni%2Boblast%2Ba%2Bzdravotnictvi.aspx">Sociální oblast a zdravotnictví</a></td><td>1</td></tr>
</table>
</div>
<div id="footer">© Jihomoravský kraj, Žerotínovo náměstí 449/3, 601 82 Brno</div>
</form>
</body>
</html>
