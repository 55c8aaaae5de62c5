<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="cs">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Rozvoj turistické infrastruktury Jihomoravského kraje 2026 - Dotační portál Jihomoravského kraje</title>
<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" /></head>
<body>
<form name="aspnetForm" method="post" action="./24084-506-Rozvoj%2Bturisticke%2Binfrastruktury%2BJihomoravskeho%2Bkraje%2B2026.aspx" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE"
  value="/wEPDwUKMTY1NDU2MTA1MmRkZr3Xa9yA1lq2pC4I0y0w4N0Bv5o=" /></div>
<div id="header"><a href="/Oblasti.aspx"><img src="/Images/logo_jmk.png" alt="Jihomoravský kraj" /></a>
<ul id="menu"><li><a href="/Oblasti.aspx">Dotační oblasti</a></li><li><a href="/Aktuality.aspx">Aktuality</a></li>
<li><a href="/Kontakty.aspx">Kontakty</a></li></ul></div>
<div id="content">
<h1>Rozvoj turistické infrastruktury Jihomoravského kraje 2026</h1>
<div id="ctl00_ContentPlaceHolder1_pnlDetail" class="detail">
<p>Datum schválení: 28.05.2026</p>
<p>Číslo usnesení: 3706/26/R54</p>
<p>Objem finančních prostředků vyčleněných na program: 16 000 000 Kč</p>
<p>Cíl/učel programu: Podpora turistické infrastruktury.</p>
<p>Příjem žádostí: od 30.06.2026 od 8:00 do 10.08.2026 do 14:00 hod.</p>
<p>Územní lokalizace programu: Jihomoravský kraj</p>
<p>Příjemci podpory: obce, svazky obcí a spolky působící v cestovním ruchu</p>
<p>Minimální výše podpory na jeden projekt/akci/činnost: 100.000,- Kč</p>
<p>Maximální výše podpory na jeden projekt/akci/činnost: 2.000.000,- Kč</p>
<p>Minimální podíl spoluúčasti žadatele: 40 %</p>
</div>
<h3>Dokumenty ke stažení:</h3>
<ul class="docs">
<li><a href="/Documents/24084/Dotacni-program.pdf">Dotační program – pravidla.pdf</a></li>
<li><a href="/Documents/24084/Zadost.fo">Žádost o finanční podporu.fo</a></li>
<li><a href="/Documents/24084/Rozpocet.xlsx">Rozpočet projektu.xlsx</a></li>
</ul>
</div>
<div id="footer">© Jihomoravský kraj, Žerotínovo náměstí 449/3, 601 82 Brno</div>
</form>
</body>
</html>
